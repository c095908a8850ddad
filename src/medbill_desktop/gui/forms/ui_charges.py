# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'charges.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QStackedWidget, QTableView, QVBoxLayout, QWidget)

class Ui_ChargesPage(object):
    def setupUi(self, ChargesPage):
        if not ChargesPage.objectName():
            ChargesPage.setObjectName(u"ChargesPage")
        ChargesPage.resize(1060, 720)
        self.mainLayout = QVBoxLayout(ChargesPage)
        self.mainLayout.setSpacing(0)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(ChargesPage)
        self.stack.setObjectName(u"stack")
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listLayout = QVBoxLayout(self.listPage)
        self.listLayout.setSpacing(10)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(24, 18, 24, 16)
        self.titleLabel = QLabel(self.listPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.listLayout.addWidget(self.titleLabel)

        self.draftsTitle = QLabel(self.listPage)
        self.draftsTitle.setObjectName(u"draftsTitle")
        self.draftsTitle.setProperty(u"role", u"section")

        self.listLayout.addWidget(self.draftsTitle)

        self.draftsTable = QTableView(self.listPage)
        self.draftsTable.setObjectName(u"draftsTable")
        self.draftsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.draftsTable.setAlternatingRowColors(True)
        self.draftsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.draftsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.draftsTable.setTabKeyNavigation(False)

        self.listLayout.addWidget(self.draftsTable)

        self.searchLayout = QHBoxLayout()
        self.searchLayout.setSpacing(10)
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(self.listPage)
        self.searchLabel.setObjectName(u"searchLabel")
        self.searchLabel.setProperty(u"role", u"section")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.listPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.newEncounterButton = QPushButton(self.listPage)
        self.newEncounterButton.setObjectName(u"newEncounterButton")

        self.searchLayout.addWidget(self.newEncounterButton)

        self.searchLayout.setStretch(1, 1)

        self.listLayout.addLayout(self.searchLayout)

        self.patientsLayout = QHBoxLayout()
        self.patientsLayout.setSpacing(12)
        self.patientsLayout.setObjectName(u"patientsLayout")
        self.patientsTable = QTableView(self.listPage)
        self.patientsTable.setObjectName(u"patientsTable")
        self.patientsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.patientsTable.setAlternatingRowColors(True)
        self.patientsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.patientsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.patientsTable.setTabKeyNavigation(False)

        self.patientsLayout.addWidget(self.patientsTable)

        self.encountersTable = QTableView(self.listPage)
        self.encountersTable.setObjectName(u"encountersTable")
        self.encountersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.encountersTable.setAlternatingRowColors(True)
        self.encountersTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.encountersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.encountersTable.setTabKeyNavigation(False)

        self.patientsLayout.addWidget(self.encountersTable)

        self.patientsLayout.setStretch(0, 1)
        self.patientsLayout.setStretch(1, 1)

        self.listLayout.addLayout(self.patientsLayout)

        self.listMessageLabel = QLabel(self.listPage)
        self.listMessageLabel.setObjectName(u"listMessageLabel")
        self.listMessageLabel.setWordWrap(True)
        self.listMessageLabel.setProperty(u"role", u"hint")

        self.listLayout.addWidget(self.listMessageLabel)

        self.listLayout.setStretch(2, 3)
        self.listLayout.setStretch(4, 2)
        self.stack.addWidget(self.listPage)
        self.formPage = QWidget()
        self.formPage.setObjectName(u"formPage")
        self.formLayout = QVBoxLayout(self.formPage)
        self.formLayout.setSpacing(0)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.formPage)

        self.mainLayout.addWidget(self.stack)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.draftsTable, self.searchEdit)
        QWidget.setTabOrder(self.searchEdit, self.newEncounterButton)
        QWidget.setTabOrder(self.newEncounterButton, self.patientsTable)
        QWidget.setTabOrder(self.patientsTable, self.encountersTable)

        self.retranslateUi(ChargesPage)

        self.stack.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ChargesPage)
    # setupUi

    def retranslateUi(self, ChargesPage):
        self.titleLabel.setText(QCoreApplication.translate("ChargesPage", u"Charges", None))
        self.draftsTitle.setText(QCoreApplication.translate("ChargesPage", u"Encounters waiting for charges (drafts, oldest first)", None))
#if QT_CONFIG(accessibility)
        self.draftsTable.setAccessibleName(QCoreApplication.translate("ChargesPage", u"Draft encounters", None))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(QCoreApplication.translate("ChargesPage", u"Find a &patient", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("ChargesPage", u"name, date of birth, account number or phone", None))
        self.newEncounterButton.setText(QCoreApplication.translate("ChargesPage", u"&New encounter  (Ctrl+N)", None))
#if QT_CONFIG(accessibility)
        self.patientsTable.setAccessibleName(QCoreApplication.translate("ChargesPage", u"Patients found", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.encountersTable.setAccessibleName(QCoreApplication.translate("ChargesPage", u"The patient's encounters", None))
#endif // QT_CONFIG(accessibility)
        self.listMessageLabel.setText(QCoreApplication.translate("ChargesPage", u"Enter opens the chosen encounter. Ctrl+N starts a new one for the chosen patient.", None))
        pass
    # retranslateUi

