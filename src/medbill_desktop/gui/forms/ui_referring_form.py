# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'referring_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_ReferringDialog(object):
    def setupUi(self, ReferringDialog):
        if not ReferringDialog.objectName():
            ReferringDialog.setObjectName(u"ReferringDialog")
        ReferringDialog.resize(680, 320)
        self.mainLayout = QVBoxLayout(ReferringDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(ReferringDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.errorLabel = QLabel(ReferringDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.referringGroup = QGroupBox(ReferringDialog)
        self.referringGroup.setObjectName(u"referringGroup")
        self.referringGrid = QGridLayout(self.referringGroup)
        self.referringGrid.setObjectName(u"referringGrid")
        self.referringGrid.setHorizontalSpacing(10)
        self.referringGrid.setVerticalSpacing(8)
        self.lastNameLabel = QLabel(self.referringGroup)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.referringGrid.addWidget(self.lastNameLabel, 0, 0, 1, 1)

        self.lastNameEdit = QLineEdit(self.referringGroup)
        self.lastNameEdit.setObjectName(u"lastNameEdit")
        self.lastNameEdit.setMaxLength(35)

        self.referringGrid.addWidget(self.lastNameEdit, 0, 1, 1, 1)

        self.firstNameLabel = QLabel(self.referringGroup)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.referringGrid.addWidget(self.firstNameLabel, 0, 2, 1, 1)

        self.firstNameEdit = QLineEdit(self.referringGroup)
        self.firstNameEdit.setObjectName(u"firstNameEdit")
        self.firstNameEdit.setMaxLength(35)

        self.referringGrid.addWidget(self.firstNameEdit, 0, 3, 1, 1)

        self.middleLabel = QLabel(self.referringGroup)
        self.middleLabel.setObjectName(u"middleLabel")

        self.referringGrid.addWidget(self.middleLabel, 1, 0, 1, 1)

        self.middleEdit = QLineEdit(self.referringGroup)
        self.middleEdit.setObjectName(u"middleEdit")
        self.middleEdit.setMaxLength(2)

        self.referringGrid.addWidget(self.middleEdit, 1, 1, 1, 1)

        self.credentialsLabel = QLabel(self.referringGroup)
        self.credentialsLabel.setObjectName(u"credentialsLabel")

        self.referringGrid.addWidget(self.credentialsLabel, 1, 2, 1, 1)

        self.credentialsEdit = QLineEdit(self.referringGroup)
        self.credentialsEdit.setObjectName(u"credentialsEdit")
        self.credentialsEdit.setMaxLength(20)

        self.referringGrid.addWidget(self.credentialsEdit, 1, 3, 1, 1)

        self.npiLabel = QLabel(self.referringGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.referringGrid.addWidget(self.npiLabel, 2, 0, 1, 1)

        self.npiEdit = QLineEdit(self.referringGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.referringGrid.addWidget(self.npiEdit, 2, 1, 1, 1)

        self.qualifierLabel = QLabel(self.referringGroup)
        self.qualifierLabel.setObjectName(u"qualifierLabel")

        self.referringGrid.addWidget(self.qualifierLabel, 2, 2, 1, 1)

        self.qualifierCombo = QComboBox(self.referringGroup)
        self.qualifierCombo.setObjectName(u"qualifierCombo")

        self.referringGrid.addWidget(self.qualifierCombo, 2, 3, 1, 1)

        self.referringGrid.setColumnStretch(1, 1)
        self.referringGrid.setColumnStretch(3, 1)

        self.mainLayout.addWidget(self.referringGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.buttons = QDialogButtonBox(ReferringDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.lastNameLabel.setBuddy(self.lastNameEdit)
        self.firstNameLabel.setBuddy(self.firstNameEdit)
        self.middleLabel.setBuddy(self.middleEdit)
        self.credentialsLabel.setBuddy(self.credentialsEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.qualifierLabel.setBuddy(self.qualifierCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.lastNameEdit, self.firstNameEdit)
        QWidget.setTabOrder(self.firstNameEdit, self.middleEdit)
        QWidget.setTabOrder(self.middleEdit, self.credentialsEdit)
        QWidget.setTabOrder(self.credentialsEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.qualifierCombo)
        QWidget.setTabOrder(self.qualifierCombo, self.buttons)

        self.retranslateUi(ReferringDialog)

        QMetaObject.connectSlotsByName(ReferringDialog)
    # setupUi

    def retranslateUi(self, ReferringDialog):
        ReferringDialog.setWindowTitle(QCoreApplication.translate("ReferringDialog", u"Referring provider", None))
        self.titleLabel.setText(QCoreApplication.translate("ReferringDialog", u"Referring provider", None))
        self.referringGroup.setTitle(QCoreApplication.translate("ReferringDialog", u"Items 17 and 17b", None))
        self.lastNameLabel.setText(QCoreApplication.translate("ReferringDialog", u"&Last name", None))
        self.firstNameLabel.setText(QCoreApplication.translate("ReferringDialog", u"&First name", None))
        self.middleLabel.setText(QCoreApplication.translate("ReferringDialog", u"Middle &initial", None))
        self.credentialsLabel.setText(QCoreApplication.translate("ReferringDialog", u"Cre&dentials", None))
        self.credentialsEdit.setPlaceholderText(QCoreApplication.translate("ReferringDialog", u"MD, DO, NP", None))
        self.npiLabel.setText(QCoreApplication.translate("ReferringDialog", u"&NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("ReferringDialog", u"10 digits", None))
        self.qualifierLabel.setText(QCoreApplication.translate("ReferringDialog", u"&Qualifier", None))
    # retranslateUi

