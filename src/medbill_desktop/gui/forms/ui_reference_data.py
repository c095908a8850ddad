# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'reference_data.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

class Ui_ReferenceDataPage(object):
    def setupUi(self, ReferenceDataPage):
        if not ReferenceDataPage.objectName():
            ReferenceDataPage.setObjectName(u"ReferenceDataPage")
        ReferenceDataPage.resize(1000, 700)
        self.mainLayout = QVBoxLayout(ReferenceDataPage)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(28, 22, 28, 20)
        self.titleLabel = QLabel(ReferenceDataPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(ReferenceDataPage)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.tabs = QTabWidget(ReferenceDataPage)
        self.tabs.setObjectName(u"tabs")
        self.providersTab = QWidget()
        self.providersTab.setObjectName(u"providersTab")
        self.providersLayout = QVBoxLayout(self.providersTab)
        self.providersLayout.setSpacing(10)
        self.providersLayout.setObjectName(u"providersLayout")
        self.providersLayout.setContentsMargins(12, 12, 12, 12)
        self.providersTopLayout = QHBoxLayout()
        self.providersTopLayout.setSpacing(8)
        self.providersTopLayout.setObjectName(u"providersTopLayout")
        self.providersFilterLabel = QLabel(self.providersTab)
        self.providersFilterLabel.setObjectName(u"providersFilterLabel")

        self.providersTopLayout.addWidget(self.providersFilterLabel)

        self.providersFilterEdit = QLineEdit(self.providersTab)
        self.providersFilterEdit.setObjectName(u"providersFilterEdit")
        self.providersFilterEdit.setClearButtonEnabled(True)

        self.providersTopLayout.addWidget(self.providersFilterEdit)

        self.providersCountLabel = QLabel(self.providersTab)
        self.providersCountLabel.setObjectName(u"providersCountLabel")
        self.providersCountLabel.setText(u"")
        self.providersCountLabel.setProperty(u"role", u"hint")

        self.providersTopLayout.addWidget(self.providersCountLabel)


        self.providersLayout.addLayout(self.providersTopLayout)

        self.providersBodyLayout = QHBoxLayout()
        self.providersBodyLayout.setSpacing(12)
        self.providersBodyLayout.setObjectName(u"providersBodyLayout")
        self.providersTable = QTableView(self.providersTab)
        self.providersTable.setObjectName(u"providersTable")
        self.providersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.providersTable.setAlternatingRowColors(True)
        self.providersTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.providersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.providersTable.setTabKeyNavigation(False)

        self.providersBodyLayout.addWidget(self.providersTable)

        self.providersButtonsLayout = QVBoxLayout()
        self.providersButtonsLayout.setSpacing(8)
        self.providersButtonsLayout.setObjectName(u"providersButtonsLayout")
        self.providersAddButton = QPushButton(self.providersTab)
        self.providersAddButton.setObjectName(u"providersAddButton")

        self.providersButtonsLayout.addWidget(self.providersAddButton)

        self.providersEditButton = QPushButton(self.providersTab)
        self.providersEditButton.setObjectName(u"providersEditButton")

        self.providersButtonsLayout.addWidget(self.providersEditButton)

        self.providersToggleButton = QPushButton(self.providersTab)
        self.providersToggleButton.setObjectName(u"providersToggleButton")

        self.providersButtonsLayout.addWidget(self.providersToggleButton)

        self.providersButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.providersButtonsLayout.addItem(self.providersButtonsSpacer)


        self.providersBodyLayout.addLayout(self.providersButtonsLayout)

        self.providersBodyLayout.setStretch(0, 1)

        self.providersLayout.addLayout(self.providersBodyLayout)

        self.tabs.addTab(self.providersTab, "")
        self.referringTab = QWidget()
        self.referringTab.setObjectName(u"referringTab")
        self.referringLayout = QVBoxLayout(self.referringTab)
        self.referringLayout.setSpacing(10)
        self.referringLayout.setObjectName(u"referringLayout")
        self.referringLayout.setContentsMargins(12, 12, 12, 12)
        self.referringTopLayout = QHBoxLayout()
        self.referringTopLayout.setSpacing(8)
        self.referringTopLayout.setObjectName(u"referringTopLayout")
        self.referringFilterLabel = QLabel(self.referringTab)
        self.referringFilterLabel.setObjectName(u"referringFilterLabel")

        self.referringTopLayout.addWidget(self.referringFilterLabel)

        self.referringFilterEdit = QLineEdit(self.referringTab)
        self.referringFilterEdit.setObjectName(u"referringFilterEdit")
        self.referringFilterEdit.setClearButtonEnabled(True)

        self.referringTopLayout.addWidget(self.referringFilterEdit)

        self.referringCountLabel = QLabel(self.referringTab)
        self.referringCountLabel.setObjectName(u"referringCountLabel")
        self.referringCountLabel.setText(u"")
        self.referringCountLabel.setProperty(u"role", u"hint")

        self.referringTopLayout.addWidget(self.referringCountLabel)


        self.referringLayout.addLayout(self.referringTopLayout)

        self.referringBodyLayout = QHBoxLayout()
        self.referringBodyLayout.setSpacing(12)
        self.referringBodyLayout.setObjectName(u"referringBodyLayout")
        self.referringTable = QTableView(self.referringTab)
        self.referringTable.setObjectName(u"referringTable")
        self.referringTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.referringTable.setAlternatingRowColors(True)
        self.referringTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.referringTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.referringTable.setTabKeyNavigation(False)

        self.referringBodyLayout.addWidget(self.referringTable)

        self.referringButtonsLayout = QVBoxLayout()
        self.referringButtonsLayout.setSpacing(8)
        self.referringButtonsLayout.setObjectName(u"referringButtonsLayout")
        self.referringAddButton = QPushButton(self.referringTab)
        self.referringAddButton.setObjectName(u"referringAddButton")

        self.referringButtonsLayout.addWidget(self.referringAddButton)

        self.referringEditButton = QPushButton(self.referringTab)
        self.referringEditButton.setObjectName(u"referringEditButton")

        self.referringButtonsLayout.addWidget(self.referringEditButton)

        self.referringButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.referringButtonsLayout.addItem(self.referringButtonsSpacer)


        self.referringBodyLayout.addLayout(self.referringButtonsLayout)

        self.referringBodyLayout.setStretch(0, 1)

        self.referringLayout.addLayout(self.referringBodyLayout)

        self.tabs.addTab(self.referringTab, "")
        self.facilitiesTab = QWidget()
        self.facilitiesTab.setObjectName(u"facilitiesTab")
        self.facilitiesLayout = QVBoxLayout(self.facilitiesTab)
        self.facilitiesLayout.setSpacing(10)
        self.facilitiesLayout.setObjectName(u"facilitiesLayout")
        self.facilitiesLayout.setContentsMargins(12, 12, 12, 12)
        self.facilitiesTopLayout = QHBoxLayout()
        self.facilitiesTopLayout.setSpacing(8)
        self.facilitiesTopLayout.setObjectName(u"facilitiesTopLayout")
        self.facilitiesFilterLabel = QLabel(self.facilitiesTab)
        self.facilitiesFilterLabel.setObjectName(u"facilitiesFilterLabel")

        self.facilitiesTopLayout.addWidget(self.facilitiesFilterLabel)

        self.facilitiesFilterEdit = QLineEdit(self.facilitiesTab)
        self.facilitiesFilterEdit.setObjectName(u"facilitiesFilterEdit")
        self.facilitiesFilterEdit.setClearButtonEnabled(True)

        self.facilitiesTopLayout.addWidget(self.facilitiesFilterEdit)

        self.facilitiesCountLabel = QLabel(self.facilitiesTab)
        self.facilitiesCountLabel.setObjectName(u"facilitiesCountLabel")
        self.facilitiesCountLabel.setText(u"")
        self.facilitiesCountLabel.setProperty(u"role", u"hint")

        self.facilitiesTopLayout.addWidget(self.facilitiesCountLabel)


        self.facilitiesLayout.addLayout(self.facilitiesTopLayout)

        self.facilitiesBodyLayout = QHBoxLayout()
        self.facilitiesBodyLayout.setSpacing(12)
        self.facilitiesBodyLayout.setObjectName(u"facilitiesBodyLayout")
        self.facilitiesTable = QTableView(self.facilitiesTab)
        self.facilitiesTable.setObjectName(u"facilitiesTable")
        self.facilitiesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.facilitiesTable.setAlternatingRowColors(True)
        self.facilitiesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.facilitiesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.facilitiesTable.setTabKeyNavigation(False)

        self.facilitiesBodyLayout.addWidget(self.facilitiesTable)

        self.facilitiesButtonsLayout = QVBoxLayout()
        self.facilitiesButtonsLayout.setSpacing(8)
        self.facilitiesButtonsLayout.setObjectName(u"facilitiesButtonsLayout")
        self.facilitiesAddButton = QPushButton(self.facilitiesTab)
        self.facilitiesAddButton.setObjectName(u"facilitiesAddButton")

        self.facilitiesButtonsLayout.addWidget(self.facilitiesAddButton)

        self.facilitiesEditButton = QPushButton(self.facilitiesTab)
        self.facilitiesEditButton.setObjectName(u"facilitiesEditButton")

        self.facilitiesButtonsLayout.addWidget(self.facilitiesEditButton)

        self.facilitiesButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.facilitiesButtonsLayout.addItem(self.facilitiesButtonsSpacer)


        self.facilitiesBodyLayout.addLayout(self.facilitiesButtonsLayout)

        self.facilitiesBodyLayout.setStretch(0, 1)

        self.facilitiesLayout.addLayout(self.facilitiesBodyLayout)

        self.tabs.addTab(self.facilitiesTab, "")
        self.payersTab = QWidget()
        self.payersTab.setObjectName(u"payersTab")
        self.payersLayout = QVBoxLayout(self.payersTab)
        self.payersLayout.setSpacing(10)
        self.payersLayout.setObjectName(u"payersLayout")
        self.payersLayout.setContentsMargins(12, 12, 12, 12)
        self.payersTopLayout = QHBoxLayout()
        self.payersTopLayout.setSpacing(8)
        self.payersTopLayout.setObjectName(u"payersTopLayout")
        self.payersFilterLabel = QLabel(self.payersTab)
        self.payersFilterLabel.setObjectName(u"payersFilterLabel")

        self.payersTopLayout.addWidget(self.payersFilterLabel)

        self.payersFilterEdit = QLineEdit(self.payersTab)
        self.payersFilterEdit.setObjectName(u"payersFilterEdit")
        self.payersFilterEdit.setClearButtonEnabled(True)

        self.payersTopLayout.addWidget(self.payersFilterEdit)

        self.payersCountLabel = QLabel(self.payersTab)
        self.payersCountLabel.setObjectName(u"payersCountLabel")
        self.payersCountLabel.setText(u"")
        self.payersCountLabel.setProperty(u"role", u"hint")

        self.payersTopLayout.addWidget(self.payersCountLabel)


        self.payersLayout.addLayout(self.payersTopLayout)

        self.payersBodyLayout = QHBoxLayout()
        self.payersBodyLayout.setSpacing(12)
        self.payersBodyLayout.setObjectName(u"payersBodyLayout")
        self.payersTable = QTableView(self.payersTab)
        self.payersTable.setObjectName(u"payersTable")
        self.payersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.payersTable.setAlternatingRowColors(True)
        self.payersTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.payersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.payersTable.setTabKeyNavigation(False)

        self.payersBodyLayout.addWidget(self.payersTable)

        self.payersButtonsLayout = QVBoxLayout()
        self.payersButtonsLayout.setSpacing(8)
        self.payersButtonsLayout.setObjectName(u"payersButtonsLayout")
        self.payersAddButton = QPushButton(self.payersTab)
        self.payersAddButton.setObjectName(u"payersAddButton")

        self.payersButtonsLayout.addWidget(self.payersAddButton)

        self.payersEditButton = QPushButton(self.payersTab)
        self.payersEditButton.setObjectName(u"payersEditButton")

        self.payersButtonsLayout.addWidget(self.payersEditButton)

        self.payersButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.payersButtonsLayout.addItem(self.payersButtonsSpacer)


        self.payersBodyLayout.addLayout(self.payersButtonsLayout)

        self.payersBodyLayout.setStretch(0, 1)

        self.payersLayout.addLayout(self.payersBodyLayout)

        self.tabs.addTab(self.payersTab, "")
        self.feesTab = QWidget()
        self.feesTab.setObjectName(u"feesTab")
        self.feesLayout = QVBoxLayout(self.feesTab)
        self.feesLayout.setSpacing(10)
        self.feesLayout.setObjectName(u"feesLayout")
        self.feesLayout.setContentsMargins(12, 12, 12, 12)
        self.feesTopLayout = QHBoxLayout()
        self.feesTopLayout.setSpacing(8)
        self.feesTopLayout.setObjectName(u"feesTopLayout")
        self.feesFilterLabel = QLabel(self.feesTab)
        self.feesFilterLabel.setObjectName(u"feesFilterLabel")

        self.feesTopLayout.addWidget(self.feesFilterLabel)

        self.feesFilterEdit = QLineEdit(self.feesTab)
        self.feesFilterEdit.setObjectName(u"feesFilterEdit")
        self.feesFilterEdit.setClearButtonEnabled(True)

        self.feesTopLayout.addWidget(self.feesFilterEdit)

        self.feesCountLabel = QLabel(self.feesTab)
        self.feesCountLabel.setObjectName(u"feesCountLabel")
        self.feesCountLabel.setText(u"")
        self.feesCountLabel.setProperty(u"role", u"hint")

        self.feesTopLayout.addWidget(self.feesCountLabel)


        self.feesLayout.addLayout(self.feesTopLayout)

        self.feesBodyLayout = QHBoxLayout()
        self.feesBodyLayout.setSpacing(12)
        self.feesBodyLayout.setObjectName(u"feesBodyLayout")
        self.feesTable = QTableView(self.feesTab)
        self.feesTable.setObjectName(u"feesTable")
        self.feesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.feesTable.setAlternatingRowColors(True)
        self.feesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.feesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.feesTable.setTabKeyNavigation(False)

        self.feesBodyLayout.addWidget(self.feesTable)

        self.feesButtonsLayout = QVBoxLayout()
        self.feesButtonsLayout.setSpacing(8)
        self.feesButtonsLayout.setObjectName(u"feesButtonsLayout")
        self.feesAddButton = QPushButton(self.feesTab)
        self.feesAddButton.setObjectName(u"feesAddButton")

        self.feesButtonsLayout.addWidget(self.feesAddButton)

        self.feesEditButton = QPushButton(self.feesTab)
        self.feesEditButton.setObjectName(u"feesEditButton")

        self.feesButtonsLayout.addWidget(self.feesEditButton)

        self.feesToggleButton = QPushButton(self.feesTab)
        self.feesToggleButton.setObjectName(u"feesToggleButton")

        self.feesButtonsLayout.addWidget(self.feesToggleButton)

        self.feesButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.feesButtonsLayout.addItem(self.feesButtonsSpacer)


        self.feesBodyLayout.addLayout(self.feesButtonsLayout)

        self.feesBodyLayout.setStretch(0, 1)

        self.feesLayout.addLayout(self.feesBodyLayout)

        self.tabs.addTab(self.feesTab, "")
        self.allowedTab = QWidget()
        self.allowedTab.setObjectName(u"allowedTab")
        self.allowedLayout = QVBoxLayout(self.allowedTab)
        self.allowedLayout.setSpacing(10)
        self.allowedLayout.setObjectName(u"allowedLayout")
        self.allowedLayout.setContentsMargins(12, 12, 12, 12)
        self.allowedTopLayout = QHBoxLayout()
        self.allowedTopLayout.setSpacing(8)
        self.allowedTopLayout.setObjectName(u"allowedTopLayout")
        self.allowedPayerLabel = QLabel(self.allowedTab)
        self.allowedPayerLabel.setObjectName(u"allowedPayerLabel")

        self.allowedTopLayout.addWidget(self.allowedPayerLabel)

        self.allowedPayerCombo = QComboBox(self.allowedTab)
        self.allowedPayerCombo.setObjectName(u"allowedPayerCombo")

        self.allowedTopLayout.addWidget(self.allowedPayerCombo)

        self.allowedFilterLabel = QLabel(self.allowedTab)
        self.allowedFilterLabel.setObjectName(u"allowedFilterLabel")

        self.allowedTopLayout.addWidget(self.allowedFilterLabel)

        self.allowedFilterEdit = QLineEdit(self.allowedTab)
        self.allowedFilterEdit.setObjectName(u"allowedFilterEdit")
        self.allowedFilterEdit.setClearButtonEnabled(True)

        self.allowedTopLayout.addWidget(self.allowedFilterEdit)

        self.allowedCountLabel = QLabel(self.allowedTab)
        self.allowedCountLabel.setObjectName(u"allowedCountLabel")
        self.allowedCountLabel.setText(u"")
        self.allowedCountLabel.setProperty(u"role", u"hint")

        self.allowedTopLayout.addWidget(self.allowedCountLabel)


        self.allowedLayout.addLayout(self.allowedTopLayout)

        self.allowedBodyLayout = QHBoxLayout()
        self.allowedBodyLayout.setSpacing(12)
        self.allowedBodyLayout.setObjectName(u"allowedBodyLayout")
        self.allowedTable = QTableView(self.allowedTab)
        self.allowedTable.setObjectName(u"allowedTable")
        self.allowedTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.allowedTable.setAlternatingRowColors(True)
        self.allowedTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.allowedTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.allowedTable.setTabKeyNavigation(False)

        self.allowedBodyLayout.addWidget(self.allowedTable)

        self.allowedButtonsLayout = QVBoxLayout()
        self.allowedButtonsLayout.setSpacing(8)
        self.allowedButtonsLayout.setObjectName(u"allowedButtonsLayout")
        self.allowedAddButton = QPushButton(self.allowedTab)
        self.allowedAddButton.setObjectName(u"allowedAddButton")

        self.allowedButtonsLayout.addWidget(self.allowedAddButton)

        self.allowedEditButton = QPushButton(self.allowedTab)
        self.allowedEditButton.setObjectName(u"allowedEditButton")

        self.allowedButtonsLayout.addWidget(self.allowedEditButton)

        self.allowedToggleButton = QPushButton(self.allowedTab)
        self.allowedToggleButton.setObjectName(u"allowedToggleButton")

        self.allowedButtonsLayout.addWidget(self.allowedToggleButton)

        self.allowedButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.allowedButtonsLayout.addItem(self.allowedButtonsSpacer)


        self.allowedBodyLayout.addLayout(self.allowedButtonsLayout)

        self.allowedBodyLayout.setStretch(0, 1)

        self.allowedLayout.addLayout(self.allowedBodyLayout)

        self.tabs.addTab(self.allowedTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.messageLabel = QLabel(ReferenceDataPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.messageLabel)

#if QT_CONFIG(shortcut)
        self.providersFilterLabel.setBuddy(self.providersFilterEdit)
        self.referringFilterLabel.setBuddy(self.referringFilterEdit)
        self.facilitiesFilterLabel.setBuddy(self.facilitiesFilterEdit)
        self.payersFilterLabel.setBuddy(self.payersFilterEdit)
        self.feesFilterLabel.setBuddy(self.feesFilterEdit)
        self.allowedPayerLabel.setBuddy(self.allowedPayerCombo)
        self.allowedFilterLabel.setBuddy(self.allowedFilterEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.providersFilterEdit)
        QWidget.setTabOrder(self.providersFilterEdit, self.providersTable)
        QWidget.setTabOrder(self.providersTable, self.providersAddButton)
        QWidget.setTabOrder(self.providersAddButton, self.providersEditButton)
        QWidget.setTabOrder(self.providersEditButton, self.providersToggleButton)
        QWidget.setTabOrder(self.providersToggleButton, self.referringFilterEdit)
        QWidget.setTabOrder(self.referringFilterEdit, self.referringTable)
        QWidget.setTabOrder(self.referringTable, self.referringAddButton)
        QWidget.setTabOrder(self.referringAddButton, self.referringEditButton)
        QWidget.setTabOrder(self.referringEditButton, self.facilitiesFilterEdit)
        QWidget.setTabOrder(self.facilitiesFilterEdit, self.facilitiesTable)
        QWidget.setTabOrder(self.facilitiesTable, self.facilitiesAddButton)
        QWidget.setTabOrder(self.facilitiesAddButton, self.facilitiesEditButton)
        QWidget.setTabOrder(self.facilitiesEditButton, self.payersFilterEdit)
        QWidget.setTabOrder(self.payersFilterEdit, self.payersTable)
        QWidget.setTabOrder(self.payersTable, self.payersAddButton)
        QWidget.setTabOrder(self.payersAddButton, self.payersEditButton)
        QWidget.setTabOrder(self.payersEditButton, self.feesFilterEdit)
        QWidget.setTabOrder(self.feesFilterEdit, self.feesTable)
        QWidget.setTabOrder(self.feesTable, self.feesAddButton)
        QWidget.setTabOrder(self.feesAddButton, self.feesEditButton)
        QWidget.setTabOrder(self.feesEditButton, self.feesToggleButton)
        QWidget.setTabOrder(self.feesToggleButton, self.allowedPayerCombo)
        QWidget.setTabOrder(self.allowedPayerCombo, self.allowedFilterEdit)
        QWidget.setTabOrder(self.allowedFilterEdit, self.allowedTable)
        QWidget.setTabOrder(self.allowedTable, self.allowedAddButton)
        QWidget.setTabOrder(self.allowedAddButton, self.allowedEditButton)
        QWidget.setTabOrder(self.allowedEditButton, self.allowedToggleButton)

        self.retranslateUi(ReferenceDataPage)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ReferenceDataPage)
    # setupUi

    def retranslateUi(self, ReferenceDataPage):
        self.titleLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Reference data", None))
        self.hintLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"What claims are made of: providers, facilities, payers, the fee schedule and what each payer's contract allows. Ctrl+Tab moves between the lists; Enter on a row edits it.", None))
        self.providersFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.providersFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.providersTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Rendering and billing providers", None))
#endif // QT_CONFIG(accessibility)
        self.providersAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.providersEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.providersToggleButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Disable", None))
        self.tabs.setTabText(self.tabs.indexOf(self.providersTab), QCoreApplication.translate("ReferenceDataPage", u"&Providers", None))
        self.referringFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.referringFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.referringTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Referring providers", None))
#endif // QT_CONFIG(accessibility)
        self.referringAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.referringEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.referringTab), QCoreApplication.translate("ReferenceDataPage", u"&Referring providers", None))
        self.facilitiesFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.facilitiesFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.facilitiesTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Service facilities", None))
#endif // QT_CONFIG(accessibility)
        self.facilitiesAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.facilitiesEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.facilitiesTab), QCoreApplication.translate("ReferenceDataPage", u"Faci&lities", None))
        self.payersFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.payersFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.payersTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Payers", None))
#endif // QT_CONFIG(accessibility)
        self.payersAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.payersEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.payersTab), QCoreApplication.translate("ReferenceDataPage", u"Pa&yers", None))
        self.feesFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.feesFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.feesTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Fee schedule", None))
#endif // QT_CONFIG(accessibility)
        self.feesAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.feesEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.feesToggleButton.setText(QCoreApplication.translate("ReferenceDataPage", u"Remo&ve", None))
        self.tabs.setTabText(self.tabs.indexOf(self.feesTab), QCoreApplication.translate("ReferenceDataPage", u"Fee &schedule", None))
        self.allowedPayerLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Payer", None))
        self.allowedFilterLabel.setText(QCoreApplication.translate("ReferenceDataPage", u"Fil&ter", None))
        self.allowedFilterEdit.setPlaceholderText(QCoreApplication.translate("ReferenceDataPage", u"type to narrow the list", None))
#if QT_CONFIG(accessibility)
        self.allowedTable.setAccessibleName(QCoreApplication.translate("ReferenceDataPage", u"Allowed amounts", None))
#endif // QT_CONFIG(accessibility)
        self.allowedAddButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Add\u2026", None))
        self.allowedEditButton.setText(QCoreApplication.translate("ReferenceDataPage", u"&Edit\u2026", None))
        self.allowedToggleButton.setText(QCoreApplication.translate("ReferenceDataPage", u"Remo&ve", None))
        self.tabs.setTabText(self.tabs.indexOf(self.allowedTab), QCoreApplication.translate("ReferenceDataPage", u"Allo&wed amounts", None))
        pass
    # retranslateUi

